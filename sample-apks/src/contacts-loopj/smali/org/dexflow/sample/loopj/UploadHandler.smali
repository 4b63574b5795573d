.class public Lorg/dexflow/sample/loopj/UploadHandler;
.super Lcom/loopj/android/http/AsyncHttpResponseHandler;
.source "UploadHandler.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Lcom/loopj/android/http/AsyncHttpResponseHandler;-><init>()V
    return-void
.end method

.method public onSuccess(I[B)V
    .registers 3
    return-void
.end method
