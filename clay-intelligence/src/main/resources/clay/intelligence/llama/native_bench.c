/*
 * Reference for `clay bench llama`: the very llama.cpp build inside java-llama.cpp's libjllama.so, called from C
 * with no JVM in the process, measured the way llama.cpp's llama-bench measures:
 *   pp = decode N random tokens as one batch; tg = decode one random token at a time, G times (no sampling).
 * clay bench llama --native compiles and runs it; by hand (see docs/benchmarks/llama.md):
 *   cc -O2 -o /tmp/llama-native-bench native_bench.c -L$LIBDIR -ljllama -Wl,-rpath,$LIBDIR
 *   /tmp/llama-native-bench MODEL.gguf THREADS PP TG REPS
 * Only functions are declared here; every struct crosses the call by value as an opaque block larger than the real
 * one, which the x86-64 and AArch64 calling conventions pass and return through memory, so no field layout is assumed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef int32_t llama_token;
struct opaque { _Alignas(16) unsigned char bytes[1024]; };
struct llama_model;
struct llama_context;
struct llama_vocab;

void llama_backend_init(void);
void llama_log_set(void (*cb)(int level, const char *text, void *user), void *user);
struct opaque llama_model_default_params(void);
struct opaque llama_context_default_params(void);
struct llama_model *llama_model_load_from_file(const char *path, struct opaque params);
struct llama_context *llama_init_from_model(struct llama_model *model, struct opaque params);
const struct llama_vocab *llama_model_get_vocab(const struct llama_model *model);
int32_t llama_vocab_n_tokens(const struct llama_vocab *vocab);
struct opaque llama_batch_get_one(llama_token *tokens, int32_t n_tokens);
int32_t llama_decode(struct llama_context *ctx, struct opaque batch);
void llama_set_n_threads(struct llama_context *ctx, int32_t n_threads, int32_t n_threads_batch);
void llama_synchronize(struct llama_context *ctx);
void llama_kv_self_clear(struct llama_context *ctx);
void llama_free(struct llama_context *ctx);
void llama_model_free(struct llama_model *model);

static void quiet(int level, const char *text, void *user) { (void) level; (void) text; (void) user; }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s MODEL.gguf THREADS PP TG REPS\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[2]), pp = atoi(argv[3]), tg = atoi(argv[4]), reps = atoi(argv[5]);
    llama_log_set(quiet, NULL);
    llama_backend_init();
    struct llama_model *model = llama_model_load_from_file(argv[1], llama_model_default_params());
    if (!model) { fprintf(stderr, "cannot load %s\n", argv[1]); return 1; }
    struct llama_context *ctx = llama_init_from_model(model, llama_context_default_params()); /* n_ctx 512 */
    if (!ctx) { fprintf(stderr, "cannot create a context\n"); return 1; }
    llama_set_n_threads(ctx, threads, threads);
    int32_t n_vocab = llama_vocab_n_tokens(llama_model_get_vocab(model));
    llama_token *tokens = malloc(sizeof(llama_token) * (pp > 1 ? pp : 1));
    srand(42);
    double pp_sum = 0, tg_sum = 0;
    for (int r = -1; r < reps; r++) { /* r == -1 is a warm-up, as llama-bench does */
        llama_kv_self_clear(ctx);
        for (int i = 0; i < pp; i++) tokens[i] = rand() % n_vocab;
        double t0 = now();
        if (llama_decode(ctx, llama_batch_get_one(tokens, pp)) != 0) { fprintf(stderr, "pp decode failed\n"); return 1; }
        llama_synchronize(ctx);
        double t1 = now();
        llama_kv_self_clear(ctx);
        double t2 = now();
        for (int i = 0; i < tg; i++) {
            llama_token t = rand() % n_vocab;
            if (llama_decode(ctx, llama_batch_get_one(&t, 1)) != 0) { fprintf(stderr, "tg decode failed\n"); return 1; }
            llama_synchronize(ctx);
        }
        double t3 = now();
        if (r >= 0) {
            pp_sum += pp / (t1 - t0);
            tg_sum += tg / (t3 - t2);
        }
    }
    printf("{\"pp_tokens\":%d,\"tg_tokens\":%d,\"threads\":%d,\"reps\":%d,\"pp_tps\":%.1f,\"tg_tps\":%.1f}\n",
           pp, tg, threads, reps, pp_sum / reps, tg_sum / reps);
    free(tokens);
    llama_free(ctx);
    llama_model_free(model);
    return 0;
}
