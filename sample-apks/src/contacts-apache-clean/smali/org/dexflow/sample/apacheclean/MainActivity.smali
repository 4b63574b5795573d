.class public Lorg/dexflow/sample/apacheclean/MainActivity;
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
    invoke-direct {p0}, Lorg/dexflow/sample/apacheclean/MainActivity;->collect()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Lorg/dexflow/sample/apacheclean/MainActivity;->upload(Ljava/lang/String;)V
    return-void
.end method

# Same shape as the flow sample, but the JSON holds only the app version: no personal data.
.method private collect()Ljava/lang/String;
    .registers 2
    const-string v0, "{\"version\":\"1.0\"}"
    return-object v0
.end method

# POSTs the JSON as form field "contacts" with the platform's Apache HttpClient (API <= 22):
# List<NameValuePair> of BasicNameValuePair -> UrlEncodedFormEntity -> HttpPost.setEntity ->
# DefaultHttpClient.execute.
.method private static upload(Ljava/lang/String;)V
    .registers 5
    new-instance v0, Ljava/util/ArrayList;
    invoke-direct {v0}, Ljava/util/ArrayList;-><init>()V
    new-instance v1, Lorg/apache/http/message/BasicNameValuePair;
    const-string v2, "contacts"
    invoke-direct {v1, v2, p0}, Lorg/apache/http/message/BasicNameValuePair;-><init>(Ljava/lang/String;Ljava/lang/String;)V
    invoke-interface {v0, v1}, Ljava/util/List;->add(Ljava/lang/Object;)Z
    new-instance v1, Lorg/apache/http/client/entity/UrlEncodedFormEntity;
    const-string v2, "UTF-8"
    invoke-direct {v1, v0, v2}, Lorg/apache/http/client/entity/UrlEncodedFormEntity;-><init>(Ljava/util/List;Ljava/lang/String;)V
    new-instance v0, Lorg/apache/http/client/methods/HttpPost;
    const-string v2, "https://forms.example.com/submit"
    invoke-direct {v0, v2}, Lorg/apache/http/client/methods/HttpPost;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0, v1}, Lorg/apache/http/client/methods/HttpPost;->setEntity(Lorg/apache/http/HttpEntity;)V
    new-instance v2, Lorg/apache/http/impl/client/DefaultHttpClient;
    invoke-direct {v2}, Lorg/apache/http/impl/client/DefaultHttpClient;-><init>()V
    invoke-virtual {v2, v0}, Lorg/apache/http/impl/client/DefaultHttpClient;->execute(Lorg/apache/http/client/methods/HttpUriRequest;)Lorg/apache/http/HttpResponse;
    return-void
.end method
