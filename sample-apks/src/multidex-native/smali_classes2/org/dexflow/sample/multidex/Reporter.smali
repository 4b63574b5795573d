.class public final Lorg/dexflow/sample/multidex/Reporter;
.super Ljava/lang/Object;
.source "Reporter.java"

.method private constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

# Lives in classes2.dex; forwards the id to native code.
.method public static report(Ljava/lang/String;)V
    .registers 2
    invoke-static {p0}, Lorg/dexflow/sample/multidex/Native;->send(Ljava/lang/String;)I
    move-result v0
    return-void
.end method
