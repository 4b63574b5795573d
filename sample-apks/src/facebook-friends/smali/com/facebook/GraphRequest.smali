.class public Lcom/facebook/GraphRequest;
.super Ljava/lang/Object;
.source "GraphRequest.java"

.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lcom/facebook/GraphRequest$GraphJSONArrayCallback;,
        Lcom/facebook/GraphRequest$Callback;
    }
.end annotation

.field private accessToken:Lcom/facebook/AccessToken;
.field private arrayCallback:Lcom/facebook/GraphRequest$GraphJSONArrayCallback;
.field private graphPath:Ljava/lang/String;

.method public constructor <init>(Lcom/facebook/AccessToken;Ljava/lang/String;)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/facebook/GraphRequest;->accessToken:Lcom/facebook/AccessToken;
    iput-object p2, p0, Lcom/facebook/GraphRequest;->graphPath:Ljava/lang/String;
    return-void
.end method

# Stub of the SDK call: the real one fetches me/friends and later hands the "data" array to
# callback.onCompleted on the main thread.
.method public static newMyFriendsRequest(Lcom/facebook/AccessToken;Lcom/facebook/GraphRequest$GraphJSONArrayCallback;)Lcom/facebook/GraphRequest;
    .registers 4
    new-instance v0, Lcom/facebook/GraphRequest;
    const-string v1, "me/friends"
    invoke-direct {v0, p0, v1}, Lcom/facebook/GraphRequest;-><init>(Lcom/facebook/AccessToken;Ljava/lang/String;)V
    iput-object p1, v0, Lcom/facebook/GraphRequest;->arrayCallback:Lcom/facebook/GraphRequest$GraphJSONArrayCallback;
    return-object v0
.end method

.method public executeAsync()Lcom/facebook/GraphRequestAsyncTask;
    .registers 2
    new-instance v0, Lcom/facebook/GraphRequestAsyncTask;
    invoke-direct {v0, p0}, Lcom/facebook/GraphRequestAsyncTask;-><init>(Lcom/facebook/GraphRequest;)V
    return-object v0
.end method
