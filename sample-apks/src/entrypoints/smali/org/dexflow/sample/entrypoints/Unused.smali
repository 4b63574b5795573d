.class public final Lorg/dexflow/sample/entrypoints/Unused;
.super Ljava/lang/Object;
.source "Unused.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

# No code refers to this class: unreachable.
.method public static helper()V
    .registers 2
    const-string v0, "ep"
    const-string v1, "Unused.helper"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
