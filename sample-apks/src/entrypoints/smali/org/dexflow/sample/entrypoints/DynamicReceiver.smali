.class public Lorg/dexflow/sample/entrypoints/DynamicReceiver;
.super Landroid/content/BroadcastReceiver;
.source "DynamicReceiver.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .registers 5
    const-string v0, "ep"
    const-string v1, "DynamicReceiver.onReceive"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
