.class public Lorg/dexflow/sample/entrypoints/App;
.super Landroid/app/Application;
.source "App.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

# Application subclass named by android:name: onCreate runs before any component.
.method public onCreate()V
    .registers 3
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    const-string v0, "ep"
    const-string v1, "App.onCreate"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
