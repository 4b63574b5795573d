.class public Lorg/dexflow/sample/Sample;
.super Ljava/lang/Object;
.implements Ljava/lang/Runnable;
.source "Sample.java"

.annotation runtime Lorg/dexflow/sample/Marker;
    value = "class-level"
.end annotation

.field public static final GREETING:Ljava/lang/String; = "héllo"
.field public static final COUNT:I = 0x2a
.field public static final BIG:J = 0x123456789L
.field public static TYPE:Ljava/lang/Class; = Ljava/lang/String;
.field private name:Ljava/lang/String;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public run()V
    .registers 1
    return-void
.end method

.method public wide(JILjava/lang/String;D)J
    .registers 12
    .annotation runtime Lretrofit2/http/GET;
        value = "users/{id}"
    .end annotation
    .param p4    # Ljava/lang/String;
        .annotation runtime Lretrofit2/http/Path;
            value = "id"
        .end annotation
    .end param
    const-wide/high16 v0, 0x4024000000000000L
    const/high16 v2, 0x41200000
    const/4 v3, -0x1
    const-wide v4, 0x123456789abcdefL
    invoke-static/range {p1 .. p6}, Lorg/dexflow/sample/Sample;->helper(JILjava/lang/String;D)J
    move-result-wide v0
    return-wide v0
.end method

.method public static helper(JILjava/lang/String;D)J
    .registers 8
    packed-switch p2, :pswitch
    sparse-switch p2, :sswitch
    const/4 v0, 0x3
    new-array v0, v0, [I
    fill-array-data v0, :array
    :try_start
    invoke-virtual {p3}, Ljava/lang/String;->length()I
    :try_end
    .catch Ljava/lang/NullPointerException; {:try_start .. :try_end} :handler
    .catchall {:try_start .. :try_end} :handler
    :case0
    return-wide p0
    :handler
    move-exception v0
    throw v0
    :pswitch
    .packed-switch 0x1
        :case0
        :handler
    .end packed-switch
    :sswitch
    .sparse-switch
        0x5 -> :case0
        0x64 -> :handler
    .end sparse-switch
    :array
    .array-data 4
        0x1
        0x2
        0x3
    .end array-data
.end method

.method public static lambdas(Ljava/lang/invoke/MethodHandle;J)Ljava/lang/Runnable;
    .registers 5
    invoke-polymorphic {p0, p1, p2}, Ljava/lang/invoke/MethodHandle;->invoke([Ljava/lang/Object;)Ljava/lang/Object;, (J)V
    invoke-custom {}, call_site_0("run", ()Ljava/lang/Runnable;, ()V, invoke-static@Lorg/dexflow/sample/Sample;->lambda$0()V, ()V)@Ljava/lang/invoke/LambdaMetafactory;->metafactory(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;
    move-result-object v0
    const-string v1, "https://example.org/upload"
    const-method-handle v1, invoke-static@Lorg/dexflow/sample/Sample;->lambda$0()V
    const-method-type v1, ()V
    return-object v0
.end method

.method private static synthetic lambda$0()V
    .registers 0
    return-void
.end method

.method public native nat()V
.end method
