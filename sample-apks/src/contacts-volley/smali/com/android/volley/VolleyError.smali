.class public Lcom/android/volley/VolleyError;
.super Ljava/lang/Exception;
.source "VolleyError.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Exception;-><init>()V
    return-void
.end method
