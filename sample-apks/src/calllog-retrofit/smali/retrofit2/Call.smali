.class public interface abstract Lretrofit2/Call;
.super Ljava/lang/Object;
.source "Call.java"

.implements Ljava/lang/Cloneable;

.method public abstract execute()Lretrofit2/Response;
.end method
