.class public final Lorg/dexflow/sample/entrypoints/R$layout;
.super Ljava/lang/Object;
.source "R.java"

.field public static final main:I = 0x7f020000

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
