.class public Lcom/loopj/android/http/RequestHandle;
.super Ljava/lang/Object;
.source "RequestHandle.java"

.field private final request:Lcom/loopj/android/http/AsyncHttpRequest;

.method public constructor <init>(Lcom/loopj/android/http/AsyncHttpRequest;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/loopj/android/http/RequestHandle;->request:Lcom/loopj/android/http/AsyncHttpRequest;
    return-void
.end method
