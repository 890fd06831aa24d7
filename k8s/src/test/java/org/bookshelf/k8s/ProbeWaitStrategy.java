package org.bookshelf.k8s;

import io.fabric8.kubernetes.api.model.Container;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits the way a Service does: until the container's readiness probe passes, within the
 * startup probe's budget (then the kubelet would restart the container).
 */
final class ProbeWaitStrategy extends AbstractWaitStrategy {

  private final Container spec;

  ProbeWaitStrategy(Container spec) {
    this.spec = spec;
    withStartupTimeout(Kubelet.startupBudget(spec));
  }

  @Override
  protected void waitUntilReady() {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    Kubelet.ProbeResult last = new Kubelet.ProbeResult(false, "not probed yet");
    while (System.nanoTime() < deadline) {
      if (!waitStrategyTarget.isRunning()) {
        throw new ContainerLaunchException(spec.getName() + " exited; logs:\n" + waitStrategyTarget.getLogs());
      }
      last = Kubelet.probe(waitStrategyTarget, spec, spec.getReadinessProbe());
      if (last.passed()) {
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerLaunchException("interrupted waiting for " + spec.getName());
      }
    }
    throw new ContainerLaunchException(spec.getName() + " not ready within " + startupTimeout
        + " (last probe: " + last.detail() + "); logs:\n" + waitStrategyTarget.getLogs());
  }
}
