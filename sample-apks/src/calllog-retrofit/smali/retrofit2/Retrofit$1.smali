.class Lretrofit2/Retrofit$1;
.super Ljava/lang/Object;
.source "Retrofit.java"

.implements Ljava/lang/reflect/InvocationHandler;

.annotation system Ldalvik/annotation/EnclosingMethod;
    value = Lretrofit2/Retrofit;->create(Ljava/lang/Class;)Ljava/lang/Object;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x0
    name = null
.end annotation

.field final synthetic this$0:Lretrofit2/Retrofit;

.method constructor <init>(Lretrofit2/Retrofit;)V
    .registers 2
    iput-object p1, p0, Lretrofit2/Retrofit$1;->this$0:Lretrofit2/Retrofit;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public invoke(Ljava/lang/Object;Ljava/lang/reflect/Method;[Ljava/lang/Object;)Ljava/lang/Object;
    .registers 6
    new-instance v0, Lretrofit2/OkHttpCall;
    iget-object v1, p0, Lretrofit2/Retrofit$1;->this$0:Lretrofit2/Retrofit;
    iget-object v1, v1, Lretrofit2/Retrofit;->baseUrl:Ljava/lang/String;
    invoke-direct {v0, v1, p2, p3}, Lretrofit2/OkHttpCall;-><init>(Ljava/lang/String;Ljava/lang/reflect/Method;[Ljava/lang/Object;)V
    return-object v0
.end method
