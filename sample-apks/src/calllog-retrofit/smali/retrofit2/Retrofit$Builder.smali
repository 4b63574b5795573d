.class public final Lretrofit2/Retrofit$Builder;
.super Ljava/lang/Object;
.source "Retrofit.java"

.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lretrofit2/Retrofit;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x19
    name = "Builder"
.end annotation

.field private baseUrl:Ljava/lang/String;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public baseUrl(Ljava/lang/String;)Lretrofit2/Retrofit$Builder;
    .registers 2
    iput-object p1, p0, Lretrofit2/Retrofit$Builder;->baseUrl:Ljava/lang/String;
    return-object p0
.end method

.method public build()Lretrofit2/Retrofit;
    .registers 3
    new-instance v0, Lretrofit2/Retrofit;
    iget-object v1, p0, Lretrofit2/Retrofit$Builder;->baseUrl:Ljava/lang/String;
    invoke-direct {v0, v1}, Lretrofit2/Retrofit;-><init>(Ljava/lang/String;)V
    return-object v0
.end method
