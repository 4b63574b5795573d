.class public final Lorg/dexflow/sample/entrypoints/Reflected;
.super Ljava/lang/Object;
.source "Reflected.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

# Only called through Class.forName("org.dexflow.sample.entrypoints.Reflected").getMethod("m").invoke.
.method public static m()V
    .registers 2
    const-string v0, "ep"
    const-string v1, "Reflected.m"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
