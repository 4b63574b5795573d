.class public interface abstract Lcom/loopj/android/http/ResponseHandlerInterface;
.super Ljava/lang/Object;
.source "ResponseHandlerInterface.java"

.method public abstract sendSuccessMessage(I[B)V
.end method
