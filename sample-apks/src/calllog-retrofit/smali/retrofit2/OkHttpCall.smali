.class final Lretrofit2/OkHttpCall;
.super Ljava/lang/Object;
.source "OkHttpCall.java"

.implements Lretrofit2/Call;

.field private final args:[Ljava/lang/Object;
.field private final baseUrl:Ljava/lang/String;
.field private final method:Ljava/lang/reflect/Method;

.method constructor <init>(Ljava/lang/String;Ljava/lang/reflect/Method;[Ljava/lang/Object;)V
    .registers 4
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lretrofit2/OkHttpCall;->baseUrl:Ljava/lang/String;
    iput-object p2, p0, Lretrofit2/OkHttpCall;->method:Ljava/lang/reflect/Method;
    iput-object p3, p0, Lretrofit2/OkHttpCall;->args:[Ljava/lang/Object;
    return-void
.end method

# Stub: the real library serializes the @Body argument and sends it with OkHttp here.
.method public execute()Lretrofit2/Response;
    .registers 3
    new-instance v0, Lretrofit2/Response;
    const/4 v1, 0x0
    invoke-direct {v0, v1}, Lretrofit2/Response;-><init>(Ljava/lang/Object;)V
    return-object v0
.end method
