package org.bookshelf.system.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network.Ipam;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

/**
 * A Docker network with a subnet of its own, so a container can be given a fixed address and a
 * replacement can take the same one. The gateway needs that: nginx resolves upstream names once,
 * at start, so a replica that comes back on a new address would never be used again. The subnet
 * is one Docker itself picks as free (a throw-away probe network), then claimed explicitly.
 */
public final class FixedAddressNetwork {

  private static final int ATTEMPTS = 5;

  private final Network network;
  private final long base;

  private FixedAddressNetwork(Network network, String subnet) {
    this.network = network;
    this.base = toLong(subnet.substring(0, subnet.indexOf('/')));
  }

  public static FixedAddressNetwork create() {
    DockerClient docker = DockerClientFactory.instance().client();
    RuntimeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String probe = docker.createNetworkCmd().withName("bookshelf-probe-" + UUID.randomUUID()).exec().getId();
      String subnet;
      try {
        subnet = docker.inspectNetworkCmd().withNetworkId(probe).exec().getIpam().getConfig().get(0).getSubnet();
      } finally {
        docker.removeNetworkCmd(probe).exec();
      }
      Network network =
          Network.builder()
              .createNetworkCmdModifier(cmd -> cmd.withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(subnet))))
              .build();
      try {
        network.getId(); // created now: another run may have claimed the subnet in between
        return new FixedAddressNetwork(network, subnet);
      } catch (RuntimeException overlap) {
        last = overlap;
      }
    }
    throw new IllegalStateException("no free subnet for a fixed-address network after " + ATTEMPTS + " attempts", last);
  }

  public Network network() {
    return network;
  }

  /**
   * The address {@code host} above the subnet's base. Use high numbers (100+): Docker hands out
   * dynamic addresses from the bottom of the subnet.
   */
  public String address(int host) {
    long value = base + host;
    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
  }

  private static long toLong(String address) {
    long value = 0;
    for (String part : address.split("\\.")) {
      value = value * 256 + Integer.parseInt(part);
    }
    return value;
  }
}
