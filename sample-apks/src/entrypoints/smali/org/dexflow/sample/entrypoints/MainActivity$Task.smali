.class final Lorg/dexflow/sample/entrypoints/MainActivity$Task;
.super Landroid/os/AsyncTask;
.source "MainActivity.java"

.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lorg/dexflow/sample/entrypoints/MainActivity;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x1a
    name = "Task"
.end annotation

.annotation system Ldalvik/annotation/Signature;
    value = {
        "Landroid/os/AsyncTask<",
        "Ljava/lang/Void;",
        "Ljava/lang/Void;",
        "Ljava/lang/String;",
        ">;"
    }
.end annotation

.method constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/os/AsyncTask;-><init>()V
    return-void
.end method

.method protected varargs doInBackground([Ljava/lang/Void;)Ljava/lang/String;
    .registers 3
    const-string v0, "done"
    return-object v0
.end method

# javac bridge: the framework calls the erased signature
.method protected bridge synthetic doInBackground([Ljava/lang/Object;)Ljava/lang/Object;
    .registers 2
    check-cast p1, [Ljava/lang/Void;
    invoke-virtual {p0, p1}, Lorg/dexflow/sample/entrypoints/MainActivity$Task;->doInBackground([Ljava/lang/Void;)Ljava/lang/String;
    move-result-object p1
    return-object p1
.end method

.method protected onPostExecute(Ljava/lang/String;)V
    .registers 3
    const-string v0, "ep"
    invoke-static {v0, p1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected bridge synthetic onPostExecute(Ljava/lang/Object;)V
    .registers 2
    check-cast p1, Ljava/lang/String;
    invoke-virtual {p0, p1}, Lorg/dexflow/sample/entrypoints/MainActivity$Task;->onPostExecute(Ljava/lang/String;)V
    return-void
.end method
