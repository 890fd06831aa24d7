package org.bookshelf.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentEncodingTest {

  @Test
  void listed_encodings_are_accepted_unless_their_q_is_zero() {
    assertThat(ContentEncoding.GZIP.acceptedBy("gzip, deflate, br")).isTrue();
    assertThat(ContentEncoding.BROTLI.acceptedBy("gzip, deflate, br;q=0.5")).isTrue();
    assertThat(ContentEncoding.BROTLI.acceptedBy("gzip, br;q=0")).isFalse();
    assertThat(ContentEncoding.GZIP.acceptedBy("br")).isFalse();
  }

  @Test
  void star_covers_unlisted_encodings() {
    assertThat(ContentEncoding.GZIP.acceptedBy("*")).isTrue();
    assertThat(ContentEncoding.GZIP.acceptedBy("br, *;q=0")).isFalse();
  }

  @Test
  void no_header_means_identity_only() {
    assertThat(ContentEncoding.GZIP.acceptedBy(null)).isFalse();
    assertThat(ContentEncoding.IDENTITY.acceptedBy(null)).isTrue();
  }
}
