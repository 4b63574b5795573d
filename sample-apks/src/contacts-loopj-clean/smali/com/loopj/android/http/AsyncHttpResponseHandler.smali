.class public abstract Lcom/loopj/android/http/AsyncHttpResponseHandler;
.super Ljava/lang/Object;
.source "AsyncHttpResponseHandler.java"

.implements Lcom/loopj/android/http/ResponseHandlerInterface;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public sendSuccessMessage(I[B)V
    .registers 3
    invoke-virtual {p0, p1, p2}, Lcom/loopj/android/http/AsyncHttpResponseHandler;->onSuccess(I[B)V
    return-void
.end method

.method public abstract onSuccess(I[B)V
.end method
