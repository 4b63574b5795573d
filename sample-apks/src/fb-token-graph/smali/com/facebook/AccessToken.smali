.class public final Lcom/facebook/AccessToken;
.super Ljava/lang/Object;
.source "AccessToken.java"

.field private static current:Lcom/facebook/AccessToken;

.field private final token:Ljava/lang/String;

.method constructor <init>(Ljava/lang/String;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/facebook/AccessToken;->token:Ljava/lang/String;
    return-void
.end method

.method public static getCurrentAccessToken()Lcom/facebook/AccessToken;
    .registers 1
    sget-object v0, Lcom/facebook/AccessToken;->current:Lcom/facebook/AccessToken;
    return-object v0
.end method

.method public getToken()Ljava/lang/String;
    .registers 2
    iget-object v0, p0, Lcom/facebook/AccessToken;->token:Ljava/lang/String;
    return-object v0
.end method
