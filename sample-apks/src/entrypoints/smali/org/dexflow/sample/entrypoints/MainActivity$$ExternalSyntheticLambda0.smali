.class public final synthetic Lorg/dexflow/sample/entrypoints/MainActivity$$ExternalSyntheticLambda0;
.super Ljava/lang/Object;
.source "D8$$SyntheticClass"

.implements Ljava/lang/Runnable;

.field public final synthetic f$0:Lorg/dexflow/sample/entrypoints/MainActivity;

.method public synthetic constructor <init>(Lorg/dexflow/sample/entrypoints/MainActivity;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/dexflow/sample/entrypoints/MainActivity$$ExternalSyntheticLambda0;->f$0:Lorg/dexflow/sample/entrypoints/MainActivity;
    return-void
.end method

.method public final run()V
    .registers 2
    iget-object v0, p0, Lorg/dexflow/sample/entrypoints/MainActivity$$ExternalSyntheticLambda0;->f$0:Lorg/dexflow/sample/entrypoints/MainActivity;
    invoke-virtual {v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->lambda$onCreate$1()V
    return-void
.end method
