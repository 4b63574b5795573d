.class public final Lretrofit2/Response;
.super Ljava/lang/Object;
.source "Response.java"

.field private final body:Ljava/lang/Object;

.method constructor <init>(Ljava/lang/Object;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lretrofit2/Response;->body:Ljava/lang/Object;
    return-void
.end method

.method public body()Ljava/lang/Object;
    .registers 2
    iget-object v0, p0, Lretrofit2/Response;->body:Ljava/lang/Object;
    return-object v0
.end method
