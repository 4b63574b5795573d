.class public Lorg/dexflow/sample/loopjclean/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lorg/dexflow/sample/loopjclean/MainActivity;->collect()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Lorg/dexflow/sample/loopjclean/MainActivity;->upload(Ljava/lang/String;)V
    return-void
.end method

# Same shape as the flow sample, but the JSON holds only the app version: no personal data.
.method private collect()Ljava/lang/String;
    .registers 2
    const-string v0, "{\"version\":\"1.0\"}"
    return-object v0
.end method

# POSTs the JSON as form field "contacts" with loopj: RequestParams.put -> AsyncHttpClient.post.
.method private static upload(Ljava/lang/String;)V
    .registers 5
    new-instance v0, Lcom/loopj/android/http/RequestParams;
    invoke-direct {v0}, Lcom/loopj/android/http/RequestParams;-><init>()V
    const-string v1, "contacts"
    invoke-virtual {v0, v1, p0}, Lcom/loopj/android/http/RequestParams;->put(Ljava/lang/String;Ljava/lang/String;)V
    new-instance v1, Lcom/loopj/android/http/AsyncHttpClient;
    invoke-direct {v1}, Lcom/loopj/android/http/AsyncHttpClient;-><init>()V
    const-string v2, "https://api.example.com/loopj/contacts"
    new-instance v3, Lorg/dexflow/sample/loopjclean/UploadHandler;
    invoke-direct {v3}, Lorg/dexflow/sample/loopjclean/UploadHandler;-><init>()V
    invoke-virtual {v1, v2, v0, v3}, Lcom/loopj/android/http/AsyncHttpClient;->post(Ljava/lang/String;Lcom/loopj/android/http/RequestParams;Lcom/loopj/android/http/ResponseHandlerInterface;)Lcom/loopj/android/http/RequestHandle;
    return-void
.end method
