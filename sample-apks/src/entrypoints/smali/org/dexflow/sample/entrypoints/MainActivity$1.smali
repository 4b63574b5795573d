.class Lorg/dexflow/sample/entrypoints/MainActivity$1;
.super Ljava/lang/Object;
.source "MainActivity.java"

.implements Landroid/view/View$OnClickListener;

.annotation system Ldalvik/annotation/EnclosingMethod;
    value = Lorg/dexflow/sample/entrypoints/MainActivity;->onCreate(Landroid/os/Bundle;)V
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x0
    name = null
.end annotation

.field final synthetic this$0:Lorg/dexflow/sample/entrypoints/MainActivity;

.method constructor <init>(Lorg/dexflow/sample/entrypoints/MainActivity;)V
    .registers 2
    iput-object p1, p0, Lorg/dexflow/sample/entrypoints/MainActivity$1;->this$0:Lorg/dexflow/sample/entrypoints/MainActivity;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onClick(Landroid/view/View;)V
    .registers 3
    iget-object v0, p0, Lorg/dexflow/sample/entrypoints/MainActivity$1;->this$0:Lorg/dexflow/sample/entrypoints/MainActivity;
    invoke-virtual {v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->clicked()V
    return-void
.end method
