.class public interface abstract Lorg/jivesoftware/smack/MessageListener;
.super Ljava/lang/Object;
.source "MessageListener.java"

.method public abstract processMessage(Lorg/jivesoftware/smack/Chat;Lorg/jivesoftware/smack/packet/Message;)V
.end method
