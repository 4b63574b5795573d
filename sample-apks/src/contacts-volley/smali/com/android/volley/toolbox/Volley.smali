.class public Lcom/android/volley/toolbox/Volley;
.super Ljava/lang/Object;
.source "Volley.java"

.method public static newRequestQueue(Landroid/content/Context;)Lcom/android/volley/RequestQueue;
    .registers 2
    new-instance v0, Lcom/android/volley/RequestQueue;
    invoke-direct {v0}, Lcom/android/volley/RequestQueue;-><init>()V
    return-object v0
.end method
