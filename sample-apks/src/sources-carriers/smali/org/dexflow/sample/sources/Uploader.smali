.class public Lorg/dexflow/sample/sources/Uploader;
.super Landroid/os/AsyncTask;
.source "Uploader.java"

# AsyncTask<String, Void, Void>: doInBackground POSTs its first parameter to a URL that ends
# in the parameter count (only its constant part is known).

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/os/AsyncTask;-><init>()V
    return-void
.end method

.method protected varargs doInBackground([Ljava/lang/String;)Ljava/lang/Void;
    .registers 4
    new-instance v1, Ljava/lang/StringBuilder;
    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V
    const-string v0, "https://ids.example.com/sim?n="
    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    move-result-object v1
    array-length v0, p1
    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(I)Ljava/lang/StringBuilder;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    const/4 v0, 0x0
    aget-object v0, p1, v0
    invoke-static {v1, v0}, Lorg/dexflow/sample/sources/Net;->post(Ljava/lang/String;Ljava/lang/String;)V
    const/4 v0, 0x0
    return-object v0
.end method

.method protected bridge synthetic doInBackground([Ljava/lang/Object;)Ljava/lang/Object;
    .registers 2
    check-cast p1, [Ljava/lang/String;
    invoke-virtual {p0, p1}, Lorg/dexflow/sample/sources/Uploader;->doInBackground([Ljava/lang/String;)Ljava/lang/Void;
    move-result-object p1
    return-object p1
.end method
