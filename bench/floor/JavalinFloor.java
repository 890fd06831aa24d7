import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor under books-service: a bare Javalin 7 route GET /books/{isbn} answering the bytes
 * books-service returned for that book. What Javalin adds to Jetty, no Bookshelf code.
 * Usage: java -cp books-service.jar:CLASSES JavalinFloor PORT BODY_FILE
 */
public final class JavalinFloor {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    byte[] body = Files.readAllBytes(Path.of(args[1]));
    Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.routes.get(
                  "/books/{isbn}",
                  ctx -> ctx.contentType("application/json").result(body));
            })
        .start(port);
  }
}
