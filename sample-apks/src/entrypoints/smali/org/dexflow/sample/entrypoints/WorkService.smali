.class public Lorg/dexflow/sample/entrypoints/WorkService;
.super Landroid/app/Service;
.source "WorkService.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Service;-><init>()V
    return-void
.end method

.method public onBind(Landroid/content/Intent;)Landroid/os/IBinder;
    .registers 3
    const/4 v0, 0x0
    return-object v0
.end method

# Reached through startService(new Intent("...action.WORK")) matching the intent filter.
.method public onStartCommand(Landroid/content/Intent;II)I
    .registers 6
    const-string v0, "ep"
    const-string v1, "WorkService.onStartCommand"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    const/4 v0, 0x2
    return v0
.end method
