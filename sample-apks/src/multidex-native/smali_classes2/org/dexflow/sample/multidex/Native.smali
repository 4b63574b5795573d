.class public final Lorg/dexflow/sample/multidex/Native;
.super Ljava/lang/Object;
.source "Native.java"

.method static constructor <clinit>()V
    .registers 1
    const-string v0, "native"
    invoke-static {v0}, Ljava/lang/System;->loadLibrary(Ljava/lang/String;)V
    return-void
.end method

.method private constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

# Implemented in lib/arm64-v8a/libnative.so as Java_org_dexflow_sample_multidex_Native_send.
.method public static native send(Ljava/lang/String;)I
.end method
