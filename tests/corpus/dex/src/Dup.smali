.class public Lorg/dexflow/sample/Other;
.super Ljava/lang/Object;

.method public static go()V
    .registers 0
    invoke-static {}, Lorg/dexflow/sample/Sample;->lambda$0()V
    return-void
.end method
