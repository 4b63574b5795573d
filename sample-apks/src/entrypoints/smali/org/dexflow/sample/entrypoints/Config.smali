.class public final Lorg/dexflow/sample/entrypoints/Config;
.super Ljava/lang/Object;
.source "Config.java"

.field public static NAME:Ljava/lang/String;

# Static initializer: runs on MainActivity's first read of NAME.
.method static constructor <clinit>()V
    .registers 1
    invoke-static {}, Lorg/dexflow/sample/entrypoints/Config;->load()Ljava/lang/String;
    move-result-object v0
    sput-object v0, Lorg/dexflow/sample/entrypoints/Config;->NAME:Ljava/lang/String;
    return-void
.end method

.method private constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method private static load()Ljava/lang/String;
    .registers 1
    const-string v0, "entrypoints"
    return-object v0
.end method
