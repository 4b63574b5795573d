.class public interface abstract Lcom/example/shaded/okhttp3/Call;
.super Ljava/lang/Object;
.source "Call.java"

.method public abstract execute()Lcom/example/shaded/okhttp3/Response;
.end method
