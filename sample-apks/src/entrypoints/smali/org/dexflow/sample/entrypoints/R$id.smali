.class public final Lorg/dexflow/sample/entrypoints/R$id;
.super Ljava/lang/Object;
.source "R.java"

.field public static final code_button:I = 0x7f030002
.field public static final fragment_container:I = 0x7f030003
.field public static final layout_button:I = 0x7f030001
.field public static final root:I = 0x7f030000

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
