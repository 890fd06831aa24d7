package org.bookshelf.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that needs a Docker engine (the one {@code DOCKER_HOST} names, else the local
 * socket). Without one the test is skipped with a loud message, or fails when the build requires
 * every tool ({@code BOOKSHELF_REQUIRE_TOOLS=true}, see {@link MissingTool}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {}
