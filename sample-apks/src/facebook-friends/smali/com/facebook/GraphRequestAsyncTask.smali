.class public Lcom/facebook/GraphRequestAsyncTask;
.super Ljava/lang/Object;
.source "GraphRequestAsyncTask.java"

.field private final request:Lcom/facebook/GraphRequest;

.method constructor <init>(Lcom/facebook/GraphRequest;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/facebook/GraphRequestAsyncTask;->request:Lcom/facebook/GraphRequest;
    return-void
.end method
