import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The floor under books-service: a bare Jetty 12 handler that answers GET /books/{isbn} with the
 * bytes books-service returned for that book. What Jetty costs per request, nothing else.
 * Usage: java -cp books-service.jar:CLASSES JettyFloor PORT BODY_FILE
 */
public final class JettyFloor {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    byte[] body = Files.readAllBytes(Path.of(args[1]));
    Server server = new Server(port);
    server.setHandler(
        new Handler.Abstract() { // blocking, as Javalin's servlet: dispatched to a pool thread
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            if (!"GET".equals(request.getMethod())
                || !Request.getPathInContext(request).startsWith("/books/")) {
              return false; // Jetty answers 404
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
          }
        });
    server.start();
    server.join();
  }
}
