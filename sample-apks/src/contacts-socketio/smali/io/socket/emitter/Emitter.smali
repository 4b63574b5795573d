.class public Lio/socket/emitter/Emitter;
.super Ljava/lang/Object;
.source "Emitter.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
