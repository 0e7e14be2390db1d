package dev.prooflane.examples.discovery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/**
 * Starts a Spring Cloud application (no web server) and prints, for each logical name given as an
 * argument, the address its load balancer chooses ({@code customers-service ->
 * http://127.0.0.1:41234}), as a {@code lb://customers-service} route or a {@code @LoadBalanced}
 * client would call it; {@code none} when it knows no instance.
 */
@SpringBootApplication
public class ResolveNamesMain {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(ResolveNamesMain.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    try (ConfigurableApplicationContext context = app.run()) {
      LoadBalancerClientFactory balancers = context.getBean(LoadBalancerClientFactory.class);
      for (String name : args) {
        ReactiveLoadBalancer<ServiceInstance> balancer = balancers.getInstance(name);
        Response<ServiceInstance> chosen = Mono.from(balancer.choose()).block();
        String address =
            chosen == null || !chosen.hasServer() ? "none" : chosen.getServer().getUri().toString();
        System.out.println(name + " -> " + address);
      }
    }
  }
}
