.class public Lorg/dexflow/sample/entrypoints/DisabledActivity;
.super Landroid/app/Activity;
.source "DisabledActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

# Declared android:enabled="false" and never enabled in code: not an entry point.
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 4
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "ep"
    const-string v1, "DisabledActivity.onCreate"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
