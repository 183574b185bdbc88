package clay.intelligence.cloud;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP transport of every cloud provider: LangChain4j's clients build the requests and parse the answers, this
 * sends them with the JDK client. It exists so that a non-2xx answer keeps its {@code retry-after} header
 * ({@link HttpStatusException}) for {@link CloudErrors}; streams are read on a virtual thread.
 */
final class ClayHttpClient implements HttpClient {
    private final java.net.http.HttpClient jdk;
    private final Duration readTimeout;

    private ClayHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.jdk = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(Redirect.NORMAL)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = readTimeout;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) throw status(response, response.body());
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(response.body()).build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UnreachableException(request.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(request.url(), e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Thread.ofVirtual().name("clay-http-stream").start(() -> {
            try {
                HttpResponse<InputStream> response = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() / 100 != 2) {
                        listener.onError(status(response, body.readAllBytes()));
                        return;
                    }
                    String type = response.headers().firstValue("content-type").orElse("");
                    if (type.startsWith("application/json")) {
                        listener.onError(new MalformedStreamException(request.url(), type,
                                new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                        return;
                    }
                    listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                            .headers(response.headers().map()).build());
                    parser.parse(body, listener);
                    listener.onClose();
                }
            } catch (HttpTimeoutException e) {
                listener.onError(new TimeoutException(e));
            } catch (IOException e) {
                listener.onError(new UnreachableException(request.url(), e));
            } catch (InterruptedException e) {
                listener.onError(new UnreachableException(request.url(), e));
            } catch (RuntimeException e) {
                listener.onError(e);
            }
        });
    }

    private static HttpStatusException status(HttpResponse<?> response, byte[] body) {
        return new HttpStatusException(response.statusCode(), new String(body, StandardCharsets.UTF_8),
                HttpStatusException.parseRetryAfter(response.headers().firstValue("retry-after").orElse(null)));
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        var publisher = request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method().name(), publisher);
        if (readTimeout != null) builder.timeout(readTimeout);
        return builder.build();
    }

    /** A stream was asked for and a plain JSON document came back (a proxy, a misconfigured server). */
    static final class MalformedStreamException extends RuntimeException {
        MalformedStreamException(String url, String type, String body) {
            super(url + " answered " + type + " instead of a stream: "
                    + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        }
    }

    /** The server could not be reached at all (refused, reset, DNS). */
    static final class UnreachableException extends RuntimeException {
        final String url;

        UnreachableException(String url, Exception cause) {
            super("cannot reach " + url + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()), cause);
            this.url = url;
        }
    }

    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofMinutes(5);

        @Override public Duration connectTimeout() { return connectTimeout; }

        @Override public Builder connectTimeout(Duration timeout) {
            if (timeout != null) connectTimeout = timeout;
            return this;
        }

        @Override public Duration readTimeout() { return readTimeout; }

        @Override public Builder readTimeout(Duration timeout) {
            if (timeout != null) readTimeout = timeout;
            return this;
        }

        @Override public ClayHttpClient build() {
            return new ClayHttpClient(connectTimeout, readTimeout);
        }
    }
}
