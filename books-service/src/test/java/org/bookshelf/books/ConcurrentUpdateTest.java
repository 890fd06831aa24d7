package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many clients PUT the same book with the same If-Match: one wins per version, none is lost. */
class ConcurrentUpdateTest {

  private static final String BOOK = "/books/9781788395540";
  private static final int WRITERS = 16;
  private static final int ROUNDS = 5;

  @Test
  void exactly_one_writer_wins_per_version_and_every_win_is_kept() throws Exception {
    try (BooksTestApp api = BooksTestApp.inMemory()) {
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      try {
        for (int round = 1; round <= ROUNDS; round++) {
          String etag = api.get(BOOK).headers().firstValue("ETag").orElseThrow();
          assertThat(etag).isEqualTo("\"" + round + "\"");
          CountDownLatch go = new CountDownLatch(1);
          List<Future<HttpResponse<String>>> results = new ArrayList<>();
          for (int writer = 0; writer < WRITERS; writer++) {
            String body = "{\"title\":\"round " + round + " writer " + writer + "\",\"author\":\"A\"}";
            Callable<HttpResponse<String>> put =
                () -> {
                  go.await();
                  return api.put(BOOK, etag, body);
                };
            results.add(pool.submit(put));
          }
          go.countDown();

          List<HttpResponse<String>> winners = new ArrayList<>();
          for (Future<HttpResponse<String>> result : results) {
            HttpResponse<String> response = result.get();
            assertThat(response.statusCode()).as(response.body()).isIn(200, 412);
            if (response.statusCode() == 200) {
              winners.add(response);
            }
          }
          assertThat(winners).as("winners of round %d", round).hasSize(1);
          HttpResponse<String> winner = winners.get(0);
          assertThat(winner.headers().firstValue("ETag")).contains("\"" + (round + 1) + "\"");
          // The stored book is the winner's write, not a later loser's.
          assertThat(api.get(BOOK).body()).isEqualTo(winner.body());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
