package org.bookshelf.system.support;

import com.github.dockerjava.api.model.Capability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * What docker-compose.yml applies to every service, so the tests run the images the way the
 * stack does: read-only root filesystem with a tmpfs at /tmp, no capabilities, no privilege
 * gain, a memory limit.
 */
public final class Hardening {

  private Hardening() {}

  public static GenericContainer<?> apply(GenericContainer<?> container, long memoryMiB, String... tmpfsPaths) {
    Map<String, String> tmpfs = new LinkedHashMap<>();
    tmpfs.put("/tmp", "rw");
    for (String path : tmpfsPaths) {
      tmpfs.put(path, "rw");
    }
    container.withTmpFs(tmpfs);
    return container.withCreateContainerCmdModifier(
            cmd ->
                cmd.getHostConfig()
                    .withReadonlyRootfs(true)
                    .withCapDrop(Capability.ALL)
                    .withSecurityOpts(List.of("no-new-privileges:true"))
                    .withMemory(memoryMiB * 1024 * 1024));
  }
}
