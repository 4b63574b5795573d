.class public interface abstract Lcom/android/volley/Response$ErrorListener;
.super Ljava/lang/Object;
.source "Response.java"

.method public abstract onErrorResponse(Lcom/android/volley/VolleyError;)V
.end method
