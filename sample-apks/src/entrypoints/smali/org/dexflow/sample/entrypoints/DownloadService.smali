.class public Lorg/dexflow/sample/entrypoints/DownloadService;
.super Landroid/app/IntentService;
.source "DownloadService.java"

.method public constructor <init>()V
    .registers 2
    const-string v0, "DownloadService"
    invoke-direct {p0, v0}, Landroid/app/IntentService;-><init>(Ljava/lang/String;)V
    return-void
.end method

# IntentService: the framework calls onHandleIntent on a worker thread.
.method protected onHandleIntent(Landroid/content/Intent;)V
    .registers 4
    const-string v0, "ep"
    const-string v1, "DownloadService.onHandleIntent"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
