.class public interface abstract Lcom/facebook/GraphRequest$Callback;
.super Ljava/lang/Object;
.source "GraphRequest.java"

.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lcom/facebook/GraphRequest;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x609
    name = "Callback"
.end annotation

.method public abstract onCompleted(Lcom/facebook/GraphResponse;)V
.end method
