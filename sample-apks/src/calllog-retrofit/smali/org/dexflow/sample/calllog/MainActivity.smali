.class public Lorg/dexflow/sample/calllog/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

# Reads the latest call-log entry into a CallRecord and uploads it.
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 10
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lorg/dexflow/sample/calllog/MainActivity;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const-string v5, "date DESC"
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    invoke-interface {v0}, Landroid/database/Cursor;->moveToFirst()Z
    move-result v1
    if-eqz v1, :empty
    const-string v1, "number"
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getColumnIndex(Ljava/lang/String;)I
    move-result v1
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v1
    const-string v2, "duration"
    invoke-interface {v0, v2}, Landroid/database/Cursor;->getColumnIndex(Ljava/lang/String;)I
    move-result v2
    invoke-interface {v0, v2}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v2
    new-instance v3, Lorg/dexflow/sample/calllog/CallRecord;
    invoke-direct {v3, v1, v2}, Lorg/dexflow/sample/calllog/CallRecord;-><init>(Ljava/lang/String;Ljava/lang/String;)V
    invoke-static {v3}, Lorg/dexflow/sample/calllog/MainActivity;->send(Lorg/dexflow/sample/calllog/CallRecord;)V
    :empty
    invoke-interface {v0}, Landroid/database/Cursor;->close()V
    return-void
.end method

.method private static send(Lorg/dexflow/sample/calllog/CallRecord;)V
    .registers 3
    new-instance v0, Lretrofit2/Retrofit$Builder;
    invoke-direct {v0}, Lretrofit2/Retrofit$Builder;-><init>()V
    const-string v1, "https://api.example.com/"
    invoke-virtual {v0, v1}, Lretrofit2/Retrofit$Builder;->baseUrl(Ljava/lang/String;)Lretrofit2/Retrofit$Builder;
    move-result-object v0
    invoke-virtual {v0}, Lretrofit2/Retrofit$Builder;->build()Lretrofit2/Retrofit;
    move-result-object v0
    const-class v1, Lorg/dexflow/sample/calllog/Api;
    invoke-virtual {v0, v1}, Lretrofit2/Retrofit;->create(Ljava/lang/Class;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Lorg/dexflow/sample/calllog/Api;
    invoke-interface {v0, p0}, Lorg/dexflow/sample/calllog/Api;->upload(Lorg/dexflow/sample/calllog/CallRecord;)Lretrofit2/Call;
    move-result-object v0
    invoke-interface {v0}, Lretrofit2/Call;->execute()Lretrofit2/Response;
    return-void
.end method
