.class public interface abstract Lcom/example/shaded/okhttp3/Call$Factory;
.super Ljava/lang/Object;
.source "Call.java"

.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lcom/example/shaded/okhttp3/Call;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x609
    name = "Factory"
.end annotation

.method public abstract newCall(Lcom/example/shaded/okhttp3/Request;)Lcom/example/shaded/okhttp3/Call;
.end method
