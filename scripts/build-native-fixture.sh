#!/bin/sh
# Rebuilds tests/corpus/native/libjni-net.so: a tiny aarch64 shared library with JNI exports
# and network imports, used by the native inspector tests. Needs gcc-aarch64-linux-gnu.
set -eu
cd "$(dirname "$0")/.."
out=tests/corpus/native
tmp=$(mktemp -d)
cat > "$tmp/jni.c" <<'C'
typedef struct addrinfo addrinfo;
int socket(int, int, int);
int connect(int, const void *, unsigned);
long sendto(int, const void *, unsigned long, int, const void *, unsigned);
int getaddrinfo(const char *, const char *, const void *, void *);
int curl_easy_perform(void *);
int strlen_like(const char *s) { int n = 0; while (s[n]) n++; return n; }
int JNI_OnLoad(void *vm, void *reserved) { (void)vm; (void)reserved; return 0x00010006; }
int Java_com_example_net_Uploader_send(void *env, void *thiz, const char *host) {
    (void)env; (void)thiz;
    int s = socket(2, 1, 0);
    void *res = 0;
    getaddrinfo(host, "443", 0, &res);
    connect(s, res, 16);
    sendto(s, host, strlen_like(host), 0, 0, 0);
    return curl_easy_perform(0);
}
int Java_com_example_net_Uploader_send__Ljava_lang_String_2I(void *env, void *thiz) { (void)env; (void)thiz; return 1; }
int Java_com_example_my_1app_Native_00024Inner_go(void *env, void *thiz) { (void)env; (void)thiz; return 2; }
C
aarch64-linux-gnu-gcc -O1 -shared -fPIC -nostdlib -Wl,--unresolved-symbols=ignore-all \
    -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 -s -o "$out/libjni-net.so" "$tmp/jni.c"
rm -rf "$tmp"
ls -l "$out/libjni-net.so"
